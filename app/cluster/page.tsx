import { ClusterView } from "./_components/cluster-view";

/** `/cluster` — members with leader badge, health and DB size, plus raised alarms; polls every 3 s. */
export default function ClusterPage() {
  return <ClusterView />;
}
