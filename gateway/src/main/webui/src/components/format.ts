export function formatTime(iso?: string | null): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function formatMoney(amount: number | string | undefined | null, currency = 'USD'): string {
  const value = Number(amount ?? 0);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 2 }).format(value);
}

export function formatNumber(value: number | undefined | null, digits = 2): string {
  if (value === undefined || value === null || Number.isNaN(value)) {
    return '—';
  }
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);
}

/** "ccip_messages_sent" -> "ccip messages sent". */
export function humanize(key: string): string {
  return key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
