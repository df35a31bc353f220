"use client";

import { Bar, BarChart as RBarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BarChartProps } from "../bar-chart";
import { formatCompact } from "../format";
import { colorAt } from "../palette";

/** The recharts part of BarChart, in a chunk of its own (loaded when the chart comes into view, as CartesianBody). */
export function BarBody<T>({
  title,
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
  );
}
