import type { Metadata } from "next";
import { PhoneNumberList } from "@/components/phone-numbers/phone-number-list";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Phone numbers" };

export default async function PhoneNumbersPage() {
  const ctx = await requirePageContext();
  return (
    <>
      <PageHeader
        title="Phone numbers"
        description={
          ctx.role === "ADMIN"
            ? "Each number is answered by the agent you route it to."
            : "Each number is answered by the agent it is routed to. You have view-only access."
        }
      />
      <PhoneNumberList />
    </>
  );
}
