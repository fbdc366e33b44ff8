import { Bar, Doughnut, Line } from 'react-chartjs-2';
import { PALETTE } from './charts';

/** Charts in a box of fixed height (Chart.js fills its parent). */
export function LineChart({ labels, series, height = 220, label }: {
  labels: string[];
  series: { label: string; data: (number | null)[] }[];
  height?: number;
  label: string;
}) {
  return (
    <div style={{ height }} role="img" aria-label={label}>
      <Line data={{
        labels,
        datasets: series.map((s, i) => ({
          label: s.label, data: s.data, borderColor: PALETTE[i % PALETTE.length], backgroundColor: `${PALETTE[i % PALETTE.length]}33`,
          pointRadius: 0, borderWidth: 2, tension: 0.25, fill: series.length === 1,
        })),
      }} options={{ interaction: { mode: 'index', intersect: false }, plugins: { legend: { display: series.length > 1 } } }} />
    </div>
  );
}

export function BarChart({ labels, values, height = 220, label, horizontal = false }: {
  labels: string[];
  values: number[];
  height?: number;
  label: string;
  horizontal?: boolean;
}) {
  return (
    <div style={{ height }} role="img" aria-label={label}>
      <Bar data={{ labels, datasets: [{ label, data: values, backgroundColor: labels.map((_, i) => PALETTE[i % PALETTE.length]) }] }}
        options={{ indexAxis: horizontal ? 'y' : 'x', plugins: { legend: { display: false } } }} />
    </div>
  );
}

export function DoughnutChart({ labels, values, height = 220, label, colors }: {
  labels: string[];
  values: number[];
  height?: number;
  label: string;
  colors?: string[];
}) {
  return (
    <div style={{ height }} role="img" aria-label={label}>
      <Doughnut data={{ labels, datasets: [{ data: values, backgroundColor: colors ?? labels.map((_, i) => PALETTE[i % PALETTE.length]), borderWidth: 0 }] }}
        options={{ plugins: { legend: { position: 'right' } } }} />
    </div>
  );
}
