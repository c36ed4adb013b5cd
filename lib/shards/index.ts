/** Shards of apps held through Kubernetes Leases, for replicas sharing one database. */
export { fairShare, isLive, planShards, type BalanceInput, type LeaseState, type ShardPlan } from "./balance";
export { ShardKeeper, type ReplicaView, type ShardChange, type ShardKeeperOptions, type ShardStatus } from "./keeper";
export { listLeases, microTime, replicaLeaseName, shardLeaseName, writeLease, type LeaseClient, type StoredLease } from "./leases";
export { shardOf } from "./shard-of";
