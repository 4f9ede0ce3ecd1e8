// The steps of one edit, applied one after another. A refused step stops the edit and is
// reported plainly, with what was already applied and the state the VM is left in (libvirt's
// code kept in the cause), so the user never has to guess what changed.
import { LibvirtError, type Libvirt } from '@virtdeck/libvirt-client';
import type { AppliedTo, EditResult } from '@virtdeck/contract/domain-edit';

export class EditSteps {
  private readonly changed = new Map<string, AppliedTo>();
  private readonly pending = new Set<string>();
  private liveRefusal: string | null = null;

  constructor(
    private readonly lv: Libvirt,
    private readonly uuid: string,
  ) {}

  /** Runs a step that must succeed; a refusal ends the edit with a report. */
  async must(field: string, appliedTo: AppliedTo, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      throw await this.refused(field, e);
    }
    if (this.changed.get(field) !== 'live-and-config') this.changed.set(field, appliedTo);
  }

  /**
   * Runs the live half of a change whose persistent half is already applied: if the daemon or
   * the guest refuses, the change waits for the next boot and the refusal is kept for the answer.
   */
  async live(field: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
      this.changed.set(field, 'live-and-config');
      this.pending.delete(field);
    } catch (e) {
      if (!(e instanceof LibvirtError)) throw e;
      this.liveRefusal = e.message;
      this.pending.add(field);
    }
  }

  /** A field whose new value can only take effect at the next boot. */
  markPending(field: string): void {
    this.pending.add(field);
  }

  /**
   * A live change libvirt accepted but the VM has not taken (a balloon request the guest
   * ignores): it counts for the definition only, and waits.
   */
  notTakenLive(field: string, changedInConfig: boolean): void {
    if (changedInConfig) this.changed.set(field, 'config');
    else this.changed.delete(field);
    this.pending.add(field);
  }

  result(): EditResult {
    return {
      changed: [...this.changed].map(([field, appliedTo]) => ({ field, appliedTo })),
      pending: [...this.pending],
      liveRefusal: this.liveRefusal,
    };
  }

  /**
   * A libvirt refusal keeps its class and code (the BFF maps it to a tRPC error with
   * `data.libvirt`), its message completed with what was done and the VM's state.
   */
  private async refused(field: string, e: unknown): Promise<unknown> {
    if (!(e instanceof LibvirtError)) return e;
    const state = await this.lv.domains.getState(this.uuid).then(
      (s) => s.state,
      () => 'unknown',
    );
    const done = [...this.changed].map(([f, where]) => `${f} (${where === 'config' ? 'definition' : 'live and definition'})`);
    const message = `${field} was not changed: ${e.message.trim()}. ${done.length ? `Already applied: ${done.join(', ')}.` : 'Nothing was changed.'} The VM is ${state}.`;
    return new LibvirtError(message, e.code, e.domain, e.level);
  }
}
