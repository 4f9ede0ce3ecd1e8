import { UsersPage } from '~/components/admin/users-page';

export default function Page() {
  return <UsersPage />;
}
