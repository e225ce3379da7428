// Axis arithmetic for the SVG writer: round tick steps and the plot's value-to-pixel mapping.
export type Frame = { left: number; top: number; width: number; height: number; xMax: number; yMax: number };

/** A 1-2-5 step giving about `count` ticks up to `max`. */
function niceStep(max: number, count = 5): number {
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  return step ?? 10 * mag;
}

/** The top of the y axis: the data's maximum rounded up to a whole step. */
export function niceMax(max: number): number {
  const step = niceStep(max);
  return Math.ceil((max * 1.05) / step) * step;
}

export function ticks(max: number, count = 5): number[] {
  const step = niceStep(max, count);
  const out: number[] = [];
  for (let v = 0; v <= max + step / 1e6; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export const px = (f: Frame, x: number): number => f.left + (x / f.xMax) * f.width;
export const py = (f: Frame, y: number): number => f.top + f.height - (y / f.yMax) * f.height;
export const r1 = (n: number): string => n.toFixed(1);
