import type { TimelineEvent, TimelineScan } from '../api-types.ts';

const EventEntry = ({ event }: { readonly event: TimelineEvent }) => (
  <li class={`entry event source-${event.source.toLowerCase()}`}>
    <time dateTime={event.occurredAt}>{event.occurredAt}</time>
    <strong>{event.type}</strong>
    <span class="move">
      {event.fromStatus ?? '—'} → {event.toStatus}
    </span>
    <span class="source">{event.source}</span>
    {event.actor === null ? null : <span class="actor">by {event.actor}</span>}
    {event.reason === null ? null : <q class="reason">{event.reason}</q>}
  </li>
);

const ScanEntry = ({ scan }: { readonly scan: TimelineScan }) => (
  <li class="entry scan">
    <time dateTime={scan.occurredAt}>{scan.occurredAt}</time>
    <strong>
      {scan.partnerId}: {scan.status}
    </strong>
    <span class="disposition">{scan.disposition}</span>
    {scan.reason === null ? null : <q class="reason">{scan.reason}</q>}
  </li>
);

/** A delivery's events and partner scans, in the order they were committed. */
export const Timeline = ({ entries }: { readonly entries: readonly (TimelineEvent | TimelineScan)[] }) => (
  <ol class="timeline">
    {entries.map((entry) =>
      entry.kind === 'event' ? <EventEntry key={entry.eventId} event={entry} /> : <ScanEntry key={`scan-${entry.eventId}`} scan={entry} />,
    )}
  </ol>
);
