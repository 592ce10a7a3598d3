// The one mapper from thrown errors to `{ error: { code, message, field? } }` responses.
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "../errors";
import { getLogger } from "../logger";

export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string } };

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.map(String).join(".") || undefined;
    const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : "Invalid input";
    return new AppError("VALIDATION_FAILED", message, { field });
  }
  const prismaCode = (err as { code?: unknown } | null)?.code;
  if (prismaCode === "P2025") return new AppError("NOT_FOUND", "Not found");
  if (prismaCode === "P2002") return new AppError("CONFLICT", "That already exists");
  return new AppError("INTERNAL", "Something went wrong on our side", { cause: err });
}

export function errorResponse(err: unknown): Response {
  const appError = toAppError(err);
  if (appError.code === "INTERNAL") {
    getLogger("http").error({ err: appError.cause ?? err }, "unhandled error");
  }
  return Response.json(errorBody(appError.code, appError.message, appError.field), { status: appError.status });
}
