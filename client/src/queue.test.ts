import type { EventInput } from '../../plugin/events';
import { createQueue, DEFAULT_QUEUE, type QueueOptions } from './queue';

/** A server stub: answers each POST with the next status (200 once the list is used up). */
function server(statuses: number[] = [], headers: Record<string, string> = {}) {
  const bodies: Array<{ consent: boolean; events: EventInput[] }> = [];
  const post = jest.fn(async (body: string) => {
    bodies.push(JSON.parse(body));
    const status = statuses.shift() ?? 200;
    if (status === 0) throw new TypeError('fetch failed');
    return new Response('{}', { status, headers });
  });
  return { post, bodies, ids: () => bodies.map((b) => b.events.map((e) => e.id)) };
}

let counter = 0;
const event = (): EventInput => ({ id: `e${++counter}`, type: 'impression', contentType: 'api::x.x', baseDocumentId: 'b', servedDocumentId: 'b' });
const settle = async (ms: number) => {
  await jest.advanceTimersByTimeAsync(ms);
};

beforeEach(() => {
  jest.useFakeTimers();
  jest.spyOn(Math, 'random').mockReturnValue(1);
  counter = 0;
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const make = (srv: ReturnType<typeof server>, options: Partial<QueueOptions> = {}, beacon: ((body: string) => boolean) | null = null, canSend = () => true) =>
  createQueue(srv.post, beacon, canSend, { ...DEFAULT_QUEUE, ...options });

describe('batching', () => {
  it('waits a moment so that events go together, with consent and their ids', async () => {
    const srv = server();
    const queue = make(srv);
    for (let i = 0; i < 3; i++) queue.add(event());
    await settle(999);
    expect(srv.post).not.toHaveBeenCalled();
    await settle(1);
    expect(srv.bodies).toEqual([{ consent: true, events: [expect.objectContaining({ id: 'e1' }), expect.objectContaining({ id: 'e2' }), expect.objectContaining({ id: 'e3' })] }]);
    expect(queue.size).toBe(0);
  });

  it('sends a full batch at once, the rest later', async () => {
    const srv = server();
    const queue = make(srv, { batchSize: 5 });
    for (let i = 0; i < 7; i++) queue.add(event());
    await settle(0);
    expect(srv.ids()).toEqual([['e1', 'e2', 'e3', 'e4', 'e5']]);
    await settle(1000);
    expect(srv.ids()).toEqual([['e1', 'e2', 'e3', 'e4', 'e5'], ['e6', 'e7']]);
  });

  it('never puts more than the server takes in one batch', async () => {
    const srv = server();
    const queue = make(srv, { batchSize: 1000 });
    for (let i = 0; i < 250; i++) queue.add(event());
    await settle(0);
    await settle(1000);
    expect(srv.bodies.map((b) => b.events.length)).toEqual([200, 50]);
  });

  it('is bounded: past maxQueue the oldest events go', async () => {
    const srv = server();
    const queue = make(srv, { maxQueue: 3, batchSize: 10 });
    for (let i = 0; i < 5; i++) queue.add(event());
    expect(queue.size).toBe(3);
    await settle(1000);
    expect(srv.ids()).toEqual([['e3', 'e4', 'e5']]);
  });
});

describe('retries', () => {
  it('retries a 503 with growing delays, the same events with the same ids, until it is taken', async () => {
    const srv = server([503, 503]);
    const queue = make(srv);
    queue.add(event());
    await settle(1000);
    expect(srv.post).toHaveBeenCalledTimes(1);
    await settle(999);
    expect(srv.post).toHaveBeenCalledTimes(1);
    await settle(1);
    expect(srv.post).toHaveBeenCalledTimes(2);
    await settle(1999);
    expect(srv.post).toHaveBeenCalledTimes(2);
    await settle(1);
    expect(srv.ids()).toEqual([['e1'], ['e1'], ['e1']]);
    expect(queue.size).toBe(0);
  });

  it('retries when the network fails, and on a 429 after the server-given Retry-After', async () => {
    const srv = server([0, 429], { 'Retry-After': '7' });
    const queue = make(srv);
    queue.add(event());
    await settle(1000);
    await settle(1000);
    expect(srv.post).toHaveBeenCalledTimes(2);
    await settle(6999);
    expect(srv.post).toHaveBeenCalledTimes(2);
    await settle(1);
    expect(srv.post).toHaveBeenCalledTimes(3);
    expect(queue.size).toBe(0);
  });

  it('gives a batch up after maxTries', async () => {
    const srv = server([500, 500, 500, 500, 500, 500]);
    const queue = make(srv, { maxTries: 3 });
    queue.add(event());
    await settle(60_000);
    expect(srv.post).toHaveBeenCalledTimes(3);
    expect(queue.size).toBe(0);
  });

  it('drops a batch the server refused (400) without sending it again', async () => {
    const srv = server([400]);
    const queue = make(srv);
    queue.add(event());
    await settle(1000);
    await settle(60_000);
    expect(srv.post).toHaveBeenCalledTimes(1);
    queue.add(event());
    await settle(1000);
    expect(srv.ids()).toEqual([['e1'], ['e2']]);
  });

  it('events added while a batch waits to be retried go with it', async () => {
    const srv = server([503]);
    const queue = make(srv);
    queue.add(event());
    await settle(1000);
    queue.add(event());
    await settle(999);
    expect(srv.post).toHaveBeenCalledTimes(1);
    await settle(1);
    expect(srv.ids()).toEqual([['e1'], ['e1', 'e2']]);
  });
});

describe('consent gate and page hide', () => {
  it('holds events while sending is not allowed, and sends them on flush once it is', async () => {
    const srv = server();
    let allowed = false;
    const queue = make(srv, {}, null, () => allowed);
    queue.add(event());
    await settle(5000);
    expect(srv.post).not.toHaveBeenCalled();
    allowed = true;
    queue.flush();
    await settle(0);
    expect(srv.ids()).toEqual([['e1']]);
  });

  it('sends everything left by beacon when the page is hidden, in beacon-sized batches', async () => {
    const srv = server();
    const beacons: string[] = [];
    const queue = make(srv, { batchSize: 500 }, (body) => beacons.push(body) > 0);
    for (let i = 0; i < 150; i++) queue.add(event());
    queue.hide();
    expect(beacons.map((b) => JSON.parse(b).events.length)).toEqual([100, 50]);
    expect(JSON.parse(beacons[0]).consent).toBe(true);
    await settle(60_000);
    expect(srv.post).not.toHaveBeenCalled();
  });

  it('keeps what a refused beacon held, and sends it later', async () => {
    const srv = server();
    const queue = make(srv, {}, () => false);
    queue.add(event());
    queue.hide();
    expect(queue.size).toBe(1);
    queue.flush();
    await settle(0);
    expect(srv.ids()).toEqual([['e1']]);
  });

  it('sends nothing by beacon without consent; clear drops everything', async () => {
    const srv = server();
    const beacon = jest.fn(() => true);
    const queue = make(srv, {}, beacon, () => false);
    queue.add(event());
    queue.hide();
    expect(beacon).not.toHaveBeenCalled();
    queue.clear();
    expect(queue.size).toBe(0);
  });
});
