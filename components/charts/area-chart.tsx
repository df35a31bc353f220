"use client";

import { CartesianChart, type CartesianChartProps } from "./cartesian-chart";

export type AreaChartProps<T> = CartesianChartProps<T>;

/** Filled areas (optionally `stacked`); same props as LineChart. */
export function AreaChart<T>(props: AreaChartProps<T>) {
  return <CartesianChart kind="area" {...props} />;
}
