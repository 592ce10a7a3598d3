// Settings → API keys: admins create (shown once), list and revoke the workspace's keys.
import type { Metadata } from "next";
import Link from "next/link";
import { CreateKeyForm } from "@/components/api-keys/create-key-form";
import { KeyList } from "@/components/api-keys/key-list";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const ctx = await requirePageContext();
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/settings" className="focus-ring rounded text-sm font-medium text-accent-700 hover:underline">← Settings</Link>}
        title="API keys"
        description={
          <>
            Connect your own tools to {ctx.tenantName} through the REST API. A key acts as an admin of this workspace.{" "}
            <Link href="/settings/api" className="focus-ring rounded font-medium text-accent-700 hover:underline">Read the API reference →</Link>
          </>
        }
      />
      {ctx.role === "ADMIN" ? (
        <div className="grid gap-6">
          <Card title="Create a key" description="The key is shown once, right after you create it. Only a hash of it is stored.">
            <CreateKeyForm />
          </Card>
          <section aria-labelledby="keys-heading" className="grid gap-3">
            <h2 id="keys-heading" className="text-base font-semibold text-zinc-900">Keys</h2>
            <KeyList />
          </section>
        </div>
      ) : (
        <Alert tone="info">Only workspace admins create and revoke API keys. Ask an admin of {ctx.tenantName}.</Alert>
      )}
    </>
  );
}
