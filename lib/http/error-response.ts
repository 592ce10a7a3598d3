// The one mapper from thrown errors to `{ error: { code, message, field? } }` responses.
import { ZodError, type z } from "zod";
import { foreignKeyViolation } from "../db/foreign-key-violation";
import { postgresCode } from "../db/prisma-error";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError, type ErrorCode } from "../errors";
import { getLogger } from "../logger";

export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string } };

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

function fromZodIssue(issue: z.core.$ZodIssue | undefined): AppError {
  if (!issue) return new AppError("VALIDATION_FAILED", "Invalid input");
  const path = issue.path.map(String);
  // A strict object reports unknown keys on the object itself: name the (first) unknown key instead.
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) {
    const field = [...path, issue.keys[0]!].join(".");
    const more = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(", ")})` : "";
    return new AppError("VALIDATION_FAILED", `${field}: unknown field${more}; remove it`, { field });
  }
  const field = path.join(".") || undefined;
  return new AppError("VALIDATION_FAILED", field ? `${field}: ${issue.message}` : issue.message, { field });
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZodIssue(err.issues[0]);
  const prismaCode = (err as { code?: unknown } | null)?.code;
  if (prismaCode === "P2025") return new AppError("NOT_FOUND", "Not found");
  if (isUniqueViolation(err)) return new AppError("CONFLICT", "That already exists");
  const badLink = foreignKeyViolation(err); // e.g. a link to another tenant's agent
  if (badLink) return badLink;
  // Text the database cannot store (NUL, invalid UTF-8): the schemas refuse it first; this is the
  // backstop for a field that slipped past them, so it is still the client's error and not a 500.
  if (postgresCode(err) === "22021" || postgresCode(err) === "22P05") {
    getLogger("http").warn({ err }, "text the database cannot store reached it: a schema misses the text primitive");
    return new AppError("VALIDATION_FAILED", "Text must not contain control characters (such as NUL)");
  }
  return new AppError("INTERNAL", "Something went wrong on our side", { cause: err });
}

export function errorResponse(err: unknown): Response {
  const appError = toAppError(err);
  if (appError.code === "INTERNAL") {
    getLogger("http").error({ err: appError.cause ?? err }, "unhandled error");
  }
  const headers = appError.retryAfterSec ? { "Retry-After": String(appError.retryAfterSec) } : undefined;
  return Response.json(errorBody(appError.code, appError.message, appError.field), { status: appError.status, headers });
}
