import { AccessView } from "./_components/access-view";

/** `/access` — etcd users and roles: list, create, delete, passwords, roles, permissions, auth on/off. */
export default function AccessPage() {
  return <AccessView />;
}
