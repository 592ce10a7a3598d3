// Every documented /api/v1 operation; app/api/v1/openapi.db.test.ts fails when a route file has one missing.
import { op, type ApiOperationSpec } from "../registry";
import { anyObject } from "../responses";
import { accountOperations } from "./account";
import { activityOperations } from "./activity";
import { adminOperations } from "./admin";
import { workspaceOperations } from "./workspace";

const self = op({
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "Reference",
  summary: "This document (OpenAPI 3.1)",
  auth: "public",
  response: { status: 200, description: "The OpenAPI document", schema: anyObject },
});

export const API_OPERATIONS: readonly ApiOperationSpec[] = [...workspaceOperations, ...activityOperations, ...accountOperations, ...adminOperations, self];
