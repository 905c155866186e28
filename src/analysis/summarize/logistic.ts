/**
 * Logistic regression, small and deterministic: Newton's method (iteratively reweighted least squares) with an
 * L2 penalty, no randomness and a fixed visiting order, so the same rows give the same weights bit for bit.
 * The models here have a few dozen features, so a dense Hessian solve per step costs nothing.
 */

export interface TrainingRow {
  features: readonly number[];
  /** 1 for a positive example, 0 for a negative one. */
  label: number;
}

export interface TrainOptions {
  /** L2 penalty on every weight but the first (the bias). */
  l2: number;
  iterations?: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function linear(weights: readonly number[], features: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < weights.length; k++) sum += weights[k]! * (features[k] ?? 0);
  return sum;
}

/** Weights for `rows` (feature 0 is expected to be a constant 1, the bias). */
export function trainLogistic(rows: readonly TrainingRow[], { l2, iterations = 25 }: TrainOptions): number[] {
  const size = rows[0]?.features.length ?? 0;
  const weights = new Array<number>(size).fill(0);
  for (let step = 0; step < iterations; step++) {
    const gradient = weights.map((weight, k) => (k === 0 ? 0 : l2 * weight));
    const hessian = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j && i > 0 ? l2 : 0)));
    for (const row of rows) {
      const p = sigmoid(linear(weights, row.features));
      const curvature = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < size; i++) {
        const xi = row.features[i]!;
        if (xi === 0) continue;
        gradient[i]! += (p - row.label) * xi;
        const hessianRow = hessian[i]!;
        for (let j = 0; j < size; j++) hessianRow[j]! += curvature * xi * row.features[j]!;
      }
    }
    // A tiny ridge keeps the solve defined when a feature is constant in the data.
    for (let i = 0; i < size; i++) hessian[i]![i]! += 1e-9;
    const delta = solve(hessian, gradient);
    let change = 0;
    for (let k = 0; k < size; k++) {
      weights[k]! -= delta[k]!;
      change = Math.max(change, Math.abs(delta[k]!));
    }
    if (change < 1e-10) break;
  }
  return weights;
}

/** Solves a·x = b by Gaussian elimination with partial pivoting (a is symmetric positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const lead = m[col]![col]!;
    if (lead === 0) continue;
    for (let row = col + 1; row < n; row++) {
      const factor = m[row]![col]! / lead;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = m[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= m[row]![k]! * x[k]!;
    x[row] = m[row]![row]! === 0 ? 0 : sum / m[row]![row]!;
  }
  return x;
}
