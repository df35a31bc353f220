"use client";

import { CartesianChart, type CartesianChartProps } from "./cartesian-chart";

export type LineChartProps<T> = CartesianChartProps<T>;

/**
 * Lines over x (time or categories), responsive width, formatted axes and tooltip, accessible name:
 * `<LineChart title="Latency" data={rows} x="t" xType="number" series={[{ key: "p95", label: "p95" }]} formatY={formatMs} />`.
 */
export function LineChart<T>(props: LineChartProps<T>) {
  return <CartesianChart kind="line" {...props} />;
}
