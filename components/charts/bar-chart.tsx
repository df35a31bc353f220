"use client";

import type { ReactNode } from "react";
import { Bar, BarChart as RBarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { formatCompact } from "./format";
import { colorAt } from "./palette";
import type { ChartSeries } from "./cartesian-chart";

export interface BarChartProps<T> {
  title: string;
  summary?: string;
  showTitle?: boolean;
  data: readonly T[];
  /** The category field (layer, day, endpoint group). */
  x: keyof T & string;
  series: ReadonlyArray<ChartSeries<T>>;
  /** "vertical": categories down the side — better for long names and phones. Default "horizontal". */
  layout?: "horizontal" | "vertical";
  formatX?: (value: string) => string;
  /** Which category labels to draw: every one (0, the default) or, for many narrow bars, recharts' pick ("preserveStartEnd"). */
  xTickInterval?: 0 | "preserveStartEnd";
  formatY?: (value: number) => string;
  /** One colour per bar (single series), e.g. to highlight the non-zero ones. */
  barColor?: (row: T, index: number) => string;
  stacked?: boolean;
  height?: number;
  legend?: boolean;
  empty?: ReactNode;
  className?: string;
  "data-testid"?: string;
}

/** Bars by category; same conventions as LineChart. */
export function BarChart<T>({
  title,
  summary,
  showTitle,
  data,
  x,
  series,
  layout = "horizontal",
  formatX,
  xTickInterval = 0,
  formatY = formatCompact,
  barColor,
  stacked = false,
  height = 220,
  legend,
  empty,
  className,
  ...rest
}: BarChartProps<T>) {
  const vertical = layout === "vertical";
  const axisTick = { fontSize: 11, fill: "#64748b" };
  const categoryAxis = {
    dataKey: x as string,
    type: "category" as const,
    tickFormatter: formatX,
    tick: axisTick,
    tickLine: false,
    interval: xTickInterval,
  };
  const valueAxis = {
    type: "number" as const,
    tickFormatter: (v: number) => formatY(v),
    tick: axisTick,
    tickLine: false,
    axisLine: false,
    allowDecimals: false,
  };
  return (
    <ChartFrame
      title={title}
      summary={summary}
      showTitle={showTitle}
      height={height}
      empty={data.length === 0 ? empty : undefined}
      className={className}
      data-testid={rest["data-testid"]}
    >
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
        <RBarChart
          data={data as T[]}
          layout={vertical ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
          title={title}
        >
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={!vertical} vertical={vertical} />
          {vertical ? <XAxis {...valueAxis} /> : <XAxis {...categoryAxis} axisLine={{ stroke: "#cbd5e1" }} />}
          {vertical ? <YAxis {...categoryAxis} width={96} axisLine={{ stroke: "#cbd5e1" }} /> : <YAxis {...valueAxis} width={44} />}
          <Tooltip
            formatter={(value) => formatY(Number(value))}
            labelFormatter={(label) => (formatX ? formatX(String(label)) : String(label))}
            cursor={{ fill: "#f1f5f9" }}
            contentStyle={{ fontSize: 12, borderRadius: 8, borderColor: "#e2e8f0" }}
            isAnimationActive={false}
          />
          {(legend ?? series.length > 1) ? <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} itemSorter={null} /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key as string}
              name={s.label}
              fill={s.color ?? colorAt(i)}
              stackId={stacked ? "stack" : undefined}
              radius={stacked ? 0 : 3}
              maxBarSize={36}
              isAnimationActive={false}
            >
              {barColor && series.length === 1 ? data.map((row, j) => <Cell key={j} fill={barColor(row, j)} />) : null}
            </Bar>
          ))}
        </RBarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
