/**
 * A deploy's course as a picture (BENCHMARKS.md, "Deploys"): one panel per pacing, on the same
 * axes, each with the requests CloudFormation has in flight, the handler's executions running,
 * and the calls throttled per second, over the seconds since the first request.
 */
import type { TimelineSample } from '../test/support/deploy';

/** One pacing's deploy. */
export interface Panel {
  readonly pacing: string;
  /** A line of figures beside the pacing's name. */
  readonly summary: string;
  readonly timeline: readonly TimelineSample[];
}

const SERIES = [
  { name: 'requests in flight', color: '#1f77b4', value: (s: Rate) => s.inFlight },
  { name: 'executions running', color: '#ff7f0e', value: (s: Rate) => s.running },
  { name: 'throttled calls per second', color: '#d62728', value: (s: Rate) => s.throttledPerSecond },
] as const;

interface Rate extends TimelineSample {
  readonly throttledPerSecond: number;
}

const WIDTH = 900;
const PANEL_HEIGHT = 170;
const MARGIN = { left: 50, right: 20, top: 56, bottom: 34, between: 46 };

/** The panels as one SVG document. */
export function timelineSvg(title: string, panels: readonly Panel[]): string {
  const rated = panels.map((p) => withThrottleRate(p.timeline));
  const maxT = niceCeiling(Math.max(1, ...rated.flat().map((s) => s.t)));
  const maxY = niceCeiling(Math.max(1, ...rated.flat().flatMap((s) => SERIES.map((series) => series.value(s)))));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const height = MARGIN.top + panels.length * (PANEL_HEIGHT + MARGIN.between) + MARGIN.bottom - MARGIN.between;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ...SERIES.map((series, i) => `<g transform="translate(${MARGIN.left + i * 220},36)"><rect width="14" height="4" y="-6" fill="${series.color}"/><text x="20">${series.name}</text></g>`),
  ];
  panels.forEach((panel, i) => {
    const top = MARGIN.top + i * (PANEL_HEIGHT + MARGIN.between) + 16;
    const x = (t: number) => MARGIN.left + (t / maxT) * plotWidth;
    const y = (v: number) => top + PANEL_HEIGHT - (v / maxY) * PANEL_HEIGHT;
    out.push(`<text x="${MARGIN.left}" y="${top - 6}"><tspan font-weight="bold">${escape(panel.pacing)}</tspan>: ${escape(panel.summary)}</text>`);
    out.push(`<rect x="${MARGIN.left}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`);
    for (const v of ticks(maxY)) {
      out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
      out.push(`<text x="${MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
    }
    for (const t of ticks(maxT)) out.push(`<text x="${x(t)}" y="${top + PANEL_HEIGHT + 14}" text-anchor="middle">${t} s</text>`);
    for (const series of SERIES) {
      const points = rated[i].map((s) => `${x(s.t).toFixed(1)},${y(series.value(s)).toFixed(1)}`).join(' ');
      out.push(`<polyline fill="none" stroke="${series.color}" stroke-width="1.5" points="${points}"/>`);
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Each sample with the calls throttled in the second before it. */
function withThrottleRate(timeline: readonly TimelineSample[]): Rate[] {
  return timeline.map((sample) => {
    const earlier = [...timeline].reverse().find((s) => s.t <= sample.t - 1) ?? { t: 0, throttled: timeline[0]?.throttled ?? 0 };
    return { ...sample, throttledPerSecond: (sample.throttled - earlier.throttled) / Math.max(1e-3, sample.t - earlier.t) };
  });
}

/** 1, 2 or 5 times a power of ten, at or above `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((n) => n >= value)!;
}

/** Five steps from 0 to `max`. */
function ticks(max: number): number[] {
  return Array.from({ length: 6 }, (_, i) => +((max * i) / 5).toPrecision(3));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
