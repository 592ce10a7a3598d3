import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : null;
  return (
    <>
      <AuthHeading title="Sign in to Frontdesk" description="Welcome back. Sign in to manage your receptionist." />
      <SignInForm callbackUrl={typeof params.callbackUrl === "string" ? params.callbackUrl : null} initialError={error} />
    </>
  );
}
