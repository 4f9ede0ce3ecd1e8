// A titled group of the wizard's fields.
import { Card } from '@virtdeck/ui';
import type { ReactNode } from 'react';

export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Card role="group" aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        {title}
      </h2>
      {children}
    </Card>
  );
}
