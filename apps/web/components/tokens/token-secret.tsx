'use client';
// The new token's secret, shown once, with a copy button.
import { Button } from '@virtdeck/ui';
import { Check, Copy } from 'lucide-react';
import { useState } from 'react';

export function TokenSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <div className="space-y-2">
      <p className="text-sm">
        Copy the secret of <strong>{name}</strong> now: it is shown only this once and cannot be read again.
      </p>
      <div className="flex items-center gap-2">
        <code data-testid="token-secret" className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-2 py-1.5 font-mono text-xs break-all select-all dark:border-zinc-800 dark:bg-zinc-950">
          {secret}
        </code>
        <Button size="sm" onClick={() => void copy()} aria-label="Copy the secret">
          {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
        </Button>
      </div>
      <p className="text-xs text-zinc-500">
        Use it as <code className="font-mono">Authorization: Bearer {'<secret>'}</code>, e.g. in Prometheus: <code className="font-mono">authorization: {'{'} credentials: … {'}'}</code>.
      </p>
    </div>
  );
}
