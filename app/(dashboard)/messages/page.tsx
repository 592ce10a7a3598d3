import type { Metadata } from "next";
import { MessageInbox } from "@/components/messages/message-inbox";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Messages" };

export default function MessagesPage() {
  return (
    <>
      <PageHeader title="Messages" description="What callers asked your agents to pass on. Call them back, then mark the message handled." />
      <MessageInbox />
    </>
  );
}
