import { VmList } from '~/components/vm/list/vm-list';

export const metadata = { title: 'Virtual machines · Virtdeck' };

export default function VmsPage() {
  return <VmList />;
}
