/** Which way a figure is better: its ratio ours÷soketi is judged against this. */
export type Better = 'lower' | 'higher' | 'zero';

export interface MetricInfo {
  label: string;
  better: Better;
}

/** The figures shown in the table, per workload, in order. Anything else is kept in the JSON only. */
export const TABLE_METRICS: Readonly<Record<string, Readonly<Record<string, MetricInfo>>>> = {
  fanout: {
    p50_ms: { label: 'presence fan-out p50 (ms)', better: 'lower' },
    p95_ms: { label: 'presence fan-out p95 (ms)', better: 'lower' },
    p99_ms: { label: 'presence fan-out p99 (ms)', better: 'lower' },
    cpu_us_per_join: { label: 'fan-out server CPU per join (µs)', better: 'lower' },
  },
  broadcast: {
    deliveries_per_s: { label: 'broadcast deliveries/s (saturated)', better: 'higher' },
    cpu_us_per_delivery: { label: 'broadcast server CPU per delivery (µs)', better: 'lower' },
    latency_p50_ms: { label: 'broadcast latency p50 (ms)', better: 'lower' },
    latency_p95_ms: { label: 'broadcast latency p95 (ms)', better: 'lower' },
    latency_p99_ms: { label: 'broadcast latency p99 (ms)', better: 'lower' },
    saturation_lost: { label: 'broadcast deliveries lost', better: 'zero' },
  },
  connections: {
    baseline_rss_mib: { label: 'idle server RSS (MiB)', better: 'lower' },
    rss_at_1000_mib: { label: 'RSS at 1,000 conns (MiB)', better: 'lower' },
    rss_at_5000_mib: { label: 'RSS at 5,000 conns (MiB)', better: 'lower' },
    kib_per_conn_at_5000: { label: 'KiB per connection (5,000)', better: 'lower' },
    rss_at_200_mib: { label: 'RSS at 200 conns (MiB)', better: 'lower' },
    kib_per_conn_at_1000: { label: 'KiB per connection (1,000)', better: 'lower' },
  },
  bigroom: {
    server_cpu_pct: { label: 'big room (1,000) churn server CPU (% of a core)', better: 'lower' },
    cpu_ms_per_join_leave: { label: 'big room server CPU per join or leave (ms)', better: 'lower' },
    bytes_per_join: { label: 'big room bytes sent per join', better: 'lower' },
    bytes_per_leave: { label: 'big room bytes sent per leave', better: 'lower' },
    succeeded_p50_ms: { label: 'big room subscription_succeeded p50 (ms)', better: 'lower' },
    succeeded_p95_ms: { label: 'big room subscription_succeeded p95 (ms)', better: 'lower' },
    fill_server_cpu_s: { label: 'big room fill to 1,000: server CPU (s)', better: 'lower' },
  },
  churn: {
    member_events_per_s: { label: 'churn member events/s', better: 'higher' },
    cycles_per_s: { label: 'churn join+leave cycles/s', better: 'higher' },
    clients_with_wrong_list: { label: 'churn clients with a wrong list', better: 'zero' },
    server_list_wrong: { label: 'churn REST list wrong', better: 'zero' },
    cpu_us_per_member_event: { label: 'churn server CPU per member event (µs)', better: 'lower' },
  },
};
