/**
 * Watch streams (reference §8): one JSON event per line over a chunked 200. A resourceVersion of
 * unset/"0" starts with synthetic ADDED events for what exists; N replays history after N, or
 * sends a 410 Expired ERROR event when N has left the ring (client-node's informer then re-lists).
 * Bookmarks keep idle streams alive; timeoutSeconds ends the stream cleanly.
 */
import type { ServerResponse } from 'node:http';

import type { ClusterApi, Target } from './api';
import { inVersion } from './meta';
import { groupVersion } from './resources';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { badRequest, expired } from './status';
import type { KubeObject, StoreEvent } from './store';
import { TABLE_CONTENT_TYPE, toTable } from './table';

/** Query parameters that shape a watch. */
export interface WatchParams {
  resourceVersion?: string | null;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
  /** Send each object as a one-row Table (kubectl get -w). */
  table: boolean;
}

/** Serves one watch until the client goes away, the timeout passes, or the server closes. */
export function serveWatch(
  api: ClusterApi,
  t: Target,
  params: WatchParams,
  res: ServerResponse,
  bookmarkMs: number,
  onClose: (stop: () => void) => () => void,
): void {
  const r = t.resource;
  // Selector errors must surface as 400 before the 200 goes out.
  const labels = parseLabelSelector(params.labelSelector);
  const fields = parseFieldSelector(params.fieldSelector, r.plural);
  if (t.name) fields.push({ field: 'metadata.name', negate: false, value: t.name });
  const matches = (o: KubeObject) =>
    (!r.namespaced || !t.namespace || o.metadata.namespace === t.namespace) &&
    matchLabels(labels, o.metadata.labels) &&
    matchFields(fields, o);

  const store = api.store;
  const rvParam = params.resourceVersion ?? '';
  const fromRv = rvParam === '' || rvParam === '0' ? undefined : Number(rvParam);
  if (fromRv !== undefined && !(Number.isInteger(fromRv) && fromRv > 0)) {
    throw badRequest(
      `resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`,
    );
  }

  res.writeHead(200, {
    'Content-Type': params.table ? TABLE_CONTENT_TYPE : 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  // Without this Node holds the headers until the first event, and client-node's watch() waits.
  res.flushHeaders();

  let lastRv = 0;
  const send = (type: string, object: unknown) => {
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const sendObject = (type: string, obj: KubeObject, rv: number) => {
    lastRv = Math.max(lastRv, rv);
    const served = inVersion(r, obj, t.version);
    send(type, params.table ? toTable(r, [served], String(rv)) : served);
  };

  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: () => void = () => {};
  let unregister: () => void = () => {};
  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    unregister();
    for (const tm of timers) clearTimeout(tm);
    res.end();
  };

  // Subscribe first and buffer, so nothing slips between the snapshot/replay and live events.
  const pending: StoreEvent[] = [];
  let live = false;
  /**
   * Like the apiserver, a MODIFIED that moves an object into the selection is sent as ADDED and
   * one that moves it out as DELETED, so a label-selected informer's cache stays right.
   */
  const deliver = (e: StoreEvent) => {
    if (e.resource !== r || e.rv <= lastRv) return;
    const now = matches(e.object);
    if (e.type !== 'MODIFIED' || !e.previous) {
      if (now) sendObject(e.type, e.object, e.rv);
      return;
    }
    const before = matches(e.previous);
    if (now) sendObject(before ? 'MODIFIED' : 'ADDED', e.object, e.rv);
    else if (before) sendObject('DELETED', e.object, e.rv);
  };
  unsubscribe = store.subscribe((e) => {
    if (!live) pending.push(e);
    else deliver(e);
  });
  unregister = onClose(stop);
  res.on('close', stop);

  if (fromRv === undefined) {
    for (const o of store.list(r, r.namespaced ? t.namespace : undefined)) {
      if (matches(o)) sendObject('ADDED', o, Number(o.metadata.resourceVersion));
    }
    lastRv = store.resourceVersion;
  } else {
    const events = store.eventsSince(fromRv);
    if (events === 'expired') {
      send('ERROR', expired(String(fromRv), String(store.oldestResumable + 1)).toStatus());
      stop();
      return;
    }
    lastRv = fromRv;
    for (const e of events) deliver(e);
    lastRv = Math.max(lastRv, store.resourceVersion);
  }
  live = true;
  for (const e of pending) deliver(e);

  if (params.allowWatchBookmarks) {
    const tick = () => {
      if (closed) return;
      send('BOOKMARK', {
        kind: r.kind,
        apiVersion: groupVersion(r.group, t.version),
        metadata: { resourceVersion: String(store.resourceVersion) },
      });
      timers[0] = setTimeout(tick, bookmarkMs);
    };
    timers[0] = setTimeout(tick, bookmarkMs);
  }
  if (params.timeoutSeconds && params.timeoutSeconds > 0) {
    timers.push(setTimeout(stop, params.timeoutSeconds * 1000));
  }
}
