"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CartesianChartProps } from "../cartesian-chart";
import { formatCompact } from "../format";
import { colorAt } from "../palette";

/**
 * The recharts part of LineChart and AreaChart, in a chunk of its own: cartesian-chart.tsx loads it
 * when the chart comes into view (WhenVisible + next/dynamic), so a page's first load carries no recharts.
 */
export function CartesianBody<T>({
  kind,
  title,
  data,
  x,
  xType = "category",
  xDomain,
  series,
  formatX,
  formatY = formatCompact,
  yDomain,
  height = 220,
  legend,
  stacked = false,
  animate = false,
}: CartesianChartProps<T> & { kind: "line" | "area" }) {
  const showLegend = legend ?? series.length > 1;
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
      <ComposedChart data={data as T[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} title={title}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey={x as string}
          type={xType}
          domain={xDomain ?? (xType === "number" ? ["dataMin", "dataMax"] : undefined)}
          allowDataOverflow={xDomain !== undefined}
          tickFormatter={formatX}
          tick={{ fontSize: 11, fill: "#64748b" }}
          tickLine={false}
          axisLine={{ stroke: "#cbd5e1" }}
          minTickGap={24}
          allowDecimals={false}
        />
        <YAxis
          tickFormatter={(v: number) => formatY(v)}
          domain={yDomain}
          tick={{ fontSize: 11, fill: "#64748b" }}
          tickLine={false}
          axisLine={false}
          width={44}
          allowDecimals
        />
        <Tooltip
          formatter={(value) => formatY(Number(value))}
          labelFormatter={(label) => (formatX && (typeof label === "number" || typeof label === "string") ? formatX(label) : String(label))}
          contentStyle={{ fontSize: 12, borderRadius: 8, borderColor: "#e2e8f0" }}
          isAnimationActive={false}
        />
        {showLegend ? <Legend iconType="plainline" iconSize={14} wrapperStyle={{ fontSize: 12 }} itemSorter={null} /> : null}
        {series.map((s, i) => {
          const color = s.color ?? colorAt(i);
          return kind === "line" ? (
            <Line
              key={s.key}
              dataKey={s.key as string}
              name={s.label}
              stroke={color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "4 3" : undefined}
              dot={false}
              connectNulls
              isAnimationActive={animate}
              type="monotone"
            />
          ) : (
            <Area
              key={s.key}
              dataKey={s.key as string}
              name={s.label}
              stroke={color}
              fill={color}
              fillOpacity={0.15}
              strokeWidth={2}
              stackId={stacked ? "stack" : undefined}
              connectNulls
              isAnimationActive={animate}
              type="monotone"
            />
          );
        })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
