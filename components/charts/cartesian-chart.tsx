"use client";

import type { ReactNode } from "react";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { formatCompact } from "./format";
import { colorAt } from "./palette";

export interface ChartSeries<T> {
  key: keyof T & string;
  label: string;
  /** Defaults to the palette's colour at the series' index. */
  color?: string;
  dashed?: boolean;
}

export interface CartesianChartProps<T> {
  /** Accessible name (and visible title with `showTitle`). */
  title: string;
  /** Text alternative for screen readers. */
  summary?: string;
  showTitle?: boolean;
  data: readonly T[];
  /** The x field: a time (epoch seconds with `xType: "number"`) or a category. */
  x: keyof T & string;
  xType?: "number" | "category";
  /** Fixed x range, e.g. the last 120 s so a live chart scrolls instead of stretching. */
  xDomain?: [number, number];
  series: ReadonlyArray<ChartSeries<T>>;
  formatX?: (value: number | string) => string;
  formatY?: (value: number) => string;
  yDomain?: [number | "auto" | "dataMin" | "dataMax", number | "auto" | "dataMin" | "dataMax"];
  /** Pixel height (default 220). */
  height?: number;
  /** Legend under the chart (default: when there is more than one series). */
  legend?: boolean;
  /** Shown instead of the chart when `data` is empty. */
  empty?: ReactNode;
  /** Stack the areas (AreaChart only). */
  stacked?: boolean;
  /** Animate changes (off by default: live charts update every second). */
  animate?: boolean;
  className?: string;
  "data-testid"?: string;
}

/** Shared body of LineChart and AreaChart. */
export function CartesianChart<T>({
  kind,
  title,
  summary,
  showTitle,
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
  empty,
  stacked = false,
  animate = false,
  className,
  ...rest
}: CartesianChartProps<T> & { kind: "line" | "area" }) {
  const showLegend = legend ?? series.length > 1;
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
            labelFormatter={(label) =>
              formatX && (typeof label === "number" || typeof label === "string") ? formatX(label) : String(label)
            }
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
    </ChartFrame>
  );
}
