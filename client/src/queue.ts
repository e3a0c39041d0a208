/**
 * The event queue: events wait a moment to go out together, a full batch goes at once. A batch
 * the server could not take (429, 5xx, no network) is retried with growing delays (or after the
 * server's Retry-After), then dropped; one it refused (another 4xx) is dropped at once, since
 * sending it again would be refused again. Retries are safe: each event has its own id, and the
 * server counts an id once. When the page is hidden, everything left goes with `sendBeacon`.
 * The queue is bounded: past `maxQueue` the oldest events go.
 */
import { EVENT_LIMITS, type EventInput } from '../../plugin/events';

export interface QueueOptions {
  /** Events per batch (at most 200). */
  batchSize: number;
  /** How long an event waits for others. */
  delayMs: number;
  /** Events kept while the server cannot be reached. */
  maxQueue: number;
  /** Tries of one batch before it is dropped. */
  maxTries: number;
  /** The first retry's delay, doubled at each try (with jitter), at most a minute. */
  backoffMs: number;
}

export const DEFAULT_QUEUE: QueueOptions = { batchSize: 20, delayMs: 1000, maxQueue: 500, maxTries: 5, backoffMs: 1000 };

/** Events per beacon, so that one stays well under the browser's 64 KB beacon budget. */
const BEACON_EVENTS = 100;

export interface Queue {
  add(event: EventInput): void;
  /** Sends what is waiting now (when sending is allowed). */
  flush(): void;
  /** The page is being hidden: everything goes by beacon. */
  hide(): void;
  clear(): void;
  readonly size: number;
}

/**
 * `post` sends a body and resolves with the response (or rejects on a network error); `beacon`
 * queues a body for the browser to send (false when it would not); `canSend` is the consent gate.
 */
export function createQueue(
  post: (body: string) => Promise<Response>,
  beacon: ((body: string) => boolean) | null,
  canSend: () => boolean,
  options: QueueOptions
): Queue {
  let queue: EventInput[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let backingOff = false;
  let tries = 0;
  const batchSize = Math.min(options.batchSize, EVENT_LIMITS.batch);
  const body = (events: EventInput[]) => JSON.stringify({ consent: true, events });
  // splice takes a negative count as 0.
  const trim = () => queue.splice(0, queue.length - options.maxQueue);

  const wait = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      backingOff = false;
      void send();
    }, delay);
  };
  const schedule = () => {
    if (sending || backingOff || !queue.length || !canSend()) return;
    if (queue.length >= batchSize) wait(0);
    else if (timer === undefined) wait(options.delayMs);
  };

  async function send() {
    if (sending || !queue.length || !canSend()) return;
    sending = true;
    const batch = queue.splice(0, batchSize);
    let status = 0;
    let retryAfter = 0;
    try {
      const res = await post(body(batch));
      status = res.status;
      retryAfter = Number(res.headers.get('retry-after')) * 1000 || 0;
    } catch {
      // No network: retried like a 503.
    }
    sending = false;
    if ((status === 0 || status === 429 || status >= 500) && ++tries < options.maxTries) {
      queue = [...batch, ...queue];
      trim();
      backingOff = true;
      return wait(retryAfter || Math.min(60_000, options.backoffMs * 2 ** (tries - 1) * (0.5 + Math.random() / 2)));
    }
    tries = 0;
    schedule();
  }

  return {
    add(event) {
      queue.push(event);
      trim();
      schedule();
    },
    flush: () => void send(),
    hide() {
      if (!beacon || !canSend()) return;
      clearTimeout(timer);
      timer = undefined;
      backingOff = false;
      tries = 0;
      while (queue.length) {
        const batch = queue.splice(0, BEACON_EVENTS);
        // Refused (over the browser's budget): kept for when the page comes back.
        if (!beacon(body(batch))) {
          queue = [...batch, ...queue];
          break;
        }
      }
    },
    clear() {
      queue = [];
      clearTimeout(timer);
      timer = undefined;
    },
    get size() {
      return queue.length;
    },
  };
}
