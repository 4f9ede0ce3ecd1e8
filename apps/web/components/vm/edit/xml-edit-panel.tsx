'use client';
// Raw XML editing, for admins: edit the persistent definition, review the diff, save. libvirt
// validates the whole definition and takes all of it or nothing; its refusal is shown in the
// editor, and the definition is left as it was.
import { useMutation, useQuery } from '@tanstack/react-query';
import { defineXmlSchema } from '@virtdeck/contract/domain-edit';
import { Button, ErrorState, Skeleton } from '@virtdeck/ui';
import { FormError } from '@virtdeck/ui/form-error';
import { useState } from 'react';
import { useTRPC } from '~/lib/trpc';
import { errorCode, errorMessage, fieldError } from '~/lib/trpc-errors';
import { schemaErrors } from './schema-errors';
import { useAfterEdit } from './use-edit-mutation';
import { XmlCodeEditor } from './xml-code-editor';
import { XmlDiff } from './xml-diff';

export function XmlEditPanel({ hostId, uuid, onClose }: { hostId: string; uuid: string; onClose: () => void }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(hostId, uuid);
  // Read once: the definition being edited must not change under the user's edits.
  const definition = useQuery(trpc.domain.edit.definition.queryOptions({ hostId, uuid }, { staleTime: Infinity, refetchOnWindowFocus: false }));
  const [edited, setEdited] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const save = useMutation(
    trpc.domain.edit.defineXml.mutationOptions({
      onSuccess: (result) => {
        afterEdit(result);
        onClose();
      },
      onError: () => setReviewing(false),
    }),
  );

  if (definition.isPending) return <Skeleton className="h-96" label="Loading the definition" />;
  if (definition.isError) return <ErrorState title="Could not read the definition" message={errorMessage(definition.error)} />;
  const current = definition.data;
  const text = edited ?? current;
  const localError = schemaErrors(defineXmlSchema, { hostId, uuid, xml: text }).xml;
  const refusal = save.isError ? (fieldError(save.error, 'xml') ?? errorMessage(save.error)) : null;
  const error = localError ?? refusal;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {reviewing ? 'Review what saving will change.' : 'Editing the persistent definition. A running VM takes it at the next boot.'}
        </p>
        <div className="flex gap-2">
          <Button size="sm" onClick={onClose}>
            Cancel
          </Button>
          {reviewing ? (
            <>
              <Button size="sm" onClick={() => setReviewing(false)}>
                Back to editing
              </Button>
              <Button size="sm" variant="primary" pending={save.isPending} onClick={() => save.mutate({ hostId, uuid, xml: text, base: current })}>
                Save definition
              </Button>
            </>
          ) : (
            <Button
              size="sm"
              variant="primary"
              disabled={text === current || Boolean(localError)}
              onClick={() => {
                save.reset();
                setReviewing(true);
              }}
            >
              Review changes
            </Button>
          )}
        </div>
      </div>
      <FormError message={error ? `Not saved: ${error}` : null} />
      {errorCode(save.error) === 'CONFLICT' ? (
        <Button
          size="sm"
          onClick={() => {
            // The edits are dropped: they were made on a definition that no longer is.
            setEdited(null);
            save.reset();
            void definition.refetch();
          }}
        >
          Reload the current definition
        </Button>
      ) : null}
      {reviewing ? <XmlDiff current={current} edited={text} /> : null}
      {/* Kept mounted while reviewing, so going back finds the edits and their undo history. */}
      <div className={reviewing ? 'hidden' : undefined}>
        <XmlCodeEditor initial={current} onChange={setEdited} error={error} />
      </div>
    </div>
  );
}
