import { CreateWizard } from '~/components/vm/create/create-wizard';

export const metadata = { title: 'New virtual machine · Virtdeck' };

export default function NewVmPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">New virtual machine</h1>
      <CreateWizard />
    </div>
  );
}
