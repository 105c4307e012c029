import type { HoldSummary } from '../api-types.ts';
import { ageOf } from '../age.ts';

/** Holds grouped by reason, the group with the oldest hold first, each group longest on hold first. */
export const groupByReason = (holds: readonly HoldSummary[]): [string, HoldSummary[]][] => {
  const groups = new Map<string, HoldSummary[]>();
  for (const hold of [...holds].sort((a, b) => a.since.localeCompare(b.since))) {
    const reason = hold.holdReason ?? 'UNKNOWN';
    groups.set(reason, [...(groups.get(reason) ?? []), hold]);
  }
  return [...groups.entries()];
};

/** Properties of {@link HoldList}. */
export interface HoldListProps {
  readonly holds: readonly HoldSummary[];
  readonly now: Date;
  readonly selected: string | null;
  readonly onOpen: (deliveryId: string) => void;
}

/** Deliveries on hold, by reason and age. */
export const HoldList = ({ holds, now, selected, onOpen }: HoldListProps) => {
  if (holds.length === 0) return <p class="empty">No delivery is on hold.</p>;
  return (
    <div class="holds">
      {groupByReason(holds).map(([reason, group]) => (
        <section key={reason} class="hold-group" data-reason={reason}>
          <h2>
            {reason} <span class="count">{group.length}</span>
          </h2>
          <table>
            <thead>
              <tr>
                <th>Delivery</th>
                <th>Order</th>
                <th>Partner</th>
                <th>Attempts</th>
                <th>On hold for</th>
              </tr>
            </thead>
            <tbody>
              {group.map((hold) => (
                <tr key={hold.deliveryId} class={hold.deliveryId === selected ? 'selected' : ''}>
                  <td>
                    <a href={`#/deliveries/${hold.deliveryId}`} onClick={() => { onOpen(hold.deliveryId); }}>
                      {hold.deliveryId}
                    </a>
                  </td>
                  <td>{hold.orderId}</td>
                  <td>{hold.partnerId ?? '—'}</td>
                  <td>
                    {hold.attemptCount}/{hold.maxAttempts}
                  </td>
                  <td title={hold.since}>{ageOf(hold.since, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
};
