import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create your workspace" };

export default function SignUpPage() {
  return (
    <>
      <AuthHeading
        title="Create your workspace"
        description="Set up an AI receptionist for your business. You start on the free plan."
      />
      <SignUpForm />
    </>
  );
}
