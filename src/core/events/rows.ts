/** How the Events view shows a delivery: one row, its words and its icon (codicon names). */
import type { Delivery } from './delivery';
import { deliveryLabel, verdictLabel } from './delivery';
import { verdictText } from './signature';

export type DeliveryIcon = 'verified' | 'error' | 'warning' | 'mail';

export interface DeliveryRow {
  label: string;
  description: string;
  tooltip: string;
  icon: DeliveryIcon;
}

const ICONS: Readonly<Record<Delivery['verdict']['verdict'], DeliveryIcon>> = { valid: 'verified', invalid: 'error', missing: 'warning', 'none-expected': 'mail' };

/** `CREATED customers 42` · `signature valid · 12:03:04` (the verdict first: a narrow sidebar cuts the end). */
export function deliveryRow(delivery: Delivery, formatTime: (ms: number) => string): DeliveryRow {
  const { summary } = delivery;
  const time = formatTime(delivery.receivedAt);
  const details = [
    verdictText(delivery.verdict),
    summary.element !== undefined ? `element ${summary.element}` : undefined,
    summary.eventId !== undefined ? `event ${summary.eventId}` : undefined,
    `${summary.eventCount} event${summary.eventCount === 1 ? '' : 's'}, ${delivery.body.length} bytes, received ${new Date(delivery.receivedAt).toISOString()}`,
  ];
  return {
    label: deliveryLabel(summary),
    description: `${verdictLabel(delivery.verdict)} · ${time}`,
    tooltip: details.filter((line) => line !== undefined).join('\n'),
    icon: ICONS[delivery.verdict.verdict],
  };
}
