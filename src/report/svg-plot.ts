/**
 * Minimal dependency-free SVG line charts for fit reports: a function against its PWL approximation, the error
 * curve, and the GA's convergence. Output is a standalone SVG document string.
 */

/** One polyline of a chart. */
export interface PlotSeries {
  /** Legend label. */
  readonly label: string;
  /** x values (ascending). */
  readonly xs: ArrayLike<number>;
  /** y values, same length as xs. */
  readonly ys: ArrayLike<number>;
  /** Stroke colour (CSS). */
  readonly color: string;
  /** Dashed line. */
  readonly dashed?: boolean;
}

/** Options of {@link lineChart}. */
export interface ChartOptions {
  /** Title above the plot. */
  readonly title: string;
  /** Axis labels. */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Plot y on a log10 scale (non-positive values are dropped). */
  readonly logY?: boolean;
  /** Size in pixels; default 720 x 360. */
  readonly width?: number;
  readonly height?: number;
  /** Vertical marker lines (e.g. breakpoints). */
  readonly markers?: readonly number[];
}

function niceTicks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= count) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function label(value: number): string {
  const a = Math.abs(value);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? value.toExponential(0) : String(Number(value.toPrecision(4)));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders series as an SVG line chart with axes, ticks, a legend and optional vertical markers. */
export function lineChart(series: readonly PlotSeries[], options: ChartOptions): string {
  const width = options.width ?? 900;
  const height = options.height ?? 360;
  const legendWidth = 12 + 7 * Math.max(0, ...series.map((s) => s.label.length)) + 40;
  const margin = { left: 70, right: 20 + legendWidth, top: 36, bottom: 48 };
  const transform = (y: number) => (options.logY ? Math.log10(y) : y);
  const keep = (y: number) => Number.isFinite(y) && (!options.logY || y > 0);
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.xs.length; i++) {
      if (!keep(s.ys[i])) continue;
      xMin = Math.min(xMin, s.xs[i]); xMax = Math.max(xMax, s.xs[i]);
      yMin = Math.min(yMin, transform(s.ys[i])); yMax = Math.max(yMax, transform(s.ys[i]));
    }
  }
  if (!Number.isFinite(xMin)) { xMin = 0; xMax = 1; yMin = 0; yMax = 1; }
  if (yMax === yMin) { yMax += 0.5; yMin -= 0.5; }
  const pad = (yMax - yMin) * 0.05;
  yMin -= pad; yMax += pad;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (x: number) => margin.left + ((x - xMin) / (xMax - xMin || 1)) * plotW;
  const py = (y: number) => margin.top + (1 - (transform(y) - yMin) / (yMax - yMin)) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(options.title)}</text>`);
  for (const t of niceTicks(xMin, xMax)) {
    const x = px(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${margin.top}" x2="${x}" y2="${margin.top + plotH}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${margin.top + plotH + 16}" text-anchor="middle">${label(t)}</text>`);
  }
  for (const t of niceTicks(yMin, yMax)) {
    const y = (margin.top + (1 - (t - yMin) / (yMax - yMin)) * plotH).toFixed(1);
    out.push(`<line x1="${margin.left}" y1="${y}" x2="${margin.left + plotW}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${margin.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${label(options.logY ? 10 ** t : t)}</text>`);
  }
  for (const m of options.markers ?? []) {
    if (m < xMin || m > xMax) continue;
    out.push(`<line x1="${px(m).toFixed(1)}" y1="${margin.top}" x2="${px(m).toFixed(1)}" y2="${margin.top + plotH}" stroke="#bbb" stroke-dasharray="2,3"/>`);
  }
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`);
  series.forEach((s, k) => {
    const points: string[] = [];
    for (let i = 0; i < s.xs.length; i++) if (keep(s.ys[i])) points.push(`${px(s.xs[i]).toFixed(2)},${py(s.ys[i]).toFixed(2)}`);
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5,3"' : ''} points="${points.join(' ')}"/>`);
    // Legend to the right of the plot area, so it never hides a line.
    const ly = margin.top + 8 + k * 16;
    const lx = margin.left + plotW + 12;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(s.label)}</text>`);
  });
  if (options.xLabel) out.push(`<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  if (options.yLabel) out.push(`<text x="16" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${margin.top + plotH / 2})">${escapeXml(options.yLabel)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
