'use client';
import { PageHeader } from '@virtdeck/ui/page-header';
import { CreateTokenDialog } from './create-token-dialog';
import { TokenTable } from './token-table';

export function ApiTokensPage() {
  return (
    <div className="space-y-5">
      <PageHeader
        title="API tokens"
        subtitle={
          <>
            For scripts and Prometheus: send <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code> to <code className="font-mono text-xs">/trpc</code> or{' '}
            <code className="font-mono text-xs">/metrics</code>. A token acts as you, capped by its role and hosts; it never opens a console.
          </>
        }
        actions={<CreateTokenDialog />}
      />
      <TokenTable />
    </div>
  );
}
