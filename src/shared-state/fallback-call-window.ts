import type { CallWindow, MemoryCallWindow } from './call-window.js';

export interface FallbackState {
  /** True while the shared window cannot be reached and this replica counts on its own. */
  degraded: boolean;
  /** Why the shared window failed last (a message for the one log line and `/ready`). */
  reason: string | null;
}

/**
 * The shared window while it answers; when it fails (Redis down, slow or restarting), a window of
 * this process with a share of the limit, so N replicas on their own still stay under Criteo's
 * limit together. Goes back to the shared window on the first call after Redis is reachable again.
 */
export class FallbackCallWindow implements CallWindow {
  readonly state: FallbackState = { degraded: false, reason: null };

  constructor(
    private readonly shared: CallWindow,
    /** Also counts this replica's own starts while the shared window works: a replica that was busy stays slowed after a failover. */
    private readonly local: MemoryCallWindow,
    /** Whether the shared window is worth trying again (e.g. the Redis connection is ready). */
    private readonly sharedReachable: () => boolean,
    private readonly onChange: (state: FallbackState) => void = () => {},
  ) {}

  async tryStart(): Promise<number> {
    if (this.state.degraded && !this.sharedReachable()) return this.local.tryStart();
    try {
      const wait = await this.shared.tryStart();
      if (wait === 0) this.local.record();
      this.recovered();
      return wait;
    } catch (error) {
      this.failed(error);
      return this.local.tryStart();
    }
  }

  async shrink(remaining: number, resetAt: number): Promise<void> {
    await this.local.shrink(remaining, resetAt);
    if (this.state.degraded && !this.sharedReachable()) return;
    try {
      await this.shared.shrink(remaining, resetAt);
    } catch (error) {
      this.failed(error);
    }
  }

  async remaining(): Promise<number> {
    if (this.state.degraded && !this.sharedReachable()) return this.local.remaining();
    try {
      return await this.shared.remaining();
    } catch (error) {
      this.failed(error);
      return this.local.remaining();
    }
  }

  private failed(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (this.state.degraded) return;
    this.state.degraded = true;
    this.state.reason = reason;
    this.onChange(this.state);
  }

  private recovered(): void {
    if (!this.state.degraded) return;
    this.state.degraded = false;
    this.state.reason = null;
    this.onChange(this.state);
  }
}
