// Input schemas of the knowledge API (documents, web import, search, FAQ). Strict objects: an unknown
// key is a 422 naming it. Upload fields arrive as multipart form fields and are parsed in upload.ts,
// then checked here with the same primitives.
import { z } from "zod";
import { DocumentStatus } from "../db/generated/enums";
import { resourceId } from "../http/params";
import { idText, text } from "../http/text";
import { LANGUAGES } from "../agents/options";

export const DOCUMENTS_PAGE_DEFAULT = 25;
export const DOCUMENTS_PAGE_MAX = 100;
export const CHUNKS_PAGE_DEFAULT = 20;
export const CHUNKS_PAGE_MAX = 100;
export const FAQ_QUESTION_MAX = 500;
export const FAQ_ANSWER_MAX = 2000;
export const SEARCH_LIMIT_MAX = 20;
const TITLE_MAX = 200;
const AGENT_IDS_MAX = 100;

const languageValues = LANGUAGES.map((l) => l.value) as unknown as [string, ...string[]];
export const knowledgeLanguage = z.enum(languageValues, { error: `must be one of ${languageValues.join(", ")}` });
export const documentTitle = text({ label: "Title", min: 1, max: TITLE_MAX });
export const agentIdList = z.array(idText("Agent id")).max(AGENT_IDS_MAX, `At most ${AGENT_IDS_MAX} agents`);

/** The form fields beside the files of an upload (after upload.ts split the comma lists). */
export const uploadFieldsSchema = z.strictObject({
  agentIds: agentIdList.optional(),
  language: knowledgeLanguage.optional(),
});
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

export const importSchema = z.strictObject({
  url: text({ label: "URL", min: 1, max: 2000 }),
  agentIds: agentIdList.optional(),
  language: knowledgeLanguage.optional(),
  title: documentTitle.optional(),
});
export type ImportInput = z.infer<typeof importSchema>;

export const documentListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(DOCUMENTS_PAGE_MAX).default(DOCUMENTS_PAGE_DEFAULT),
  cursor: z.string().min(1).max(200).optional(),
  status: z.enum(DocumentStatus).optional(),
  agentId: resourceId.optional(),
});
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;

export const documentReadQuerySchema = z.strictObject({
  chunks: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
  chunkCursor: z.coerce.number().int().min(0).optional(),
  chunkLimit: z.coerce.number().int().min(1).max(CHUNKS_PAGE_MAX).default(CHUNKS_PAGE_DEFAULT),
});
export type DocumentReadQuery = z.infer<typeof documentReadQuerySchema>;

/** allAgents true: shared with every agent; agentIds (non-empty): only those; both at once is refused. */
export const documentUpdateSchema = z
  .strictObject({
    title: documentTitle.optional(),
    allAgents: z.boolean().optional(),
    agentIds: agentIdList.optional(),
  })
  .refine((p) => !(p.allAgents === true && p.agentIds && p.agentIds.length > 0), {
    message: "give either allAgents: true or a list of agentIds, not both",
    path: ["agentIds"],
  })
  .refine((p) => !(p.allAgents === false && (!p.agentIds || p.agentIds.length === 0)), {
    message: "name the agents that answer from it when it is not shared with all",
    path: ["agentIds"],
  });
export type DocumentUpdateInput = z.infer<typeof documentUpdateSchema>;

export const searchSchema = z.strictObject({
  query: text({ label: "Query", min: 1, max: 500 }),
  agentId: idText("Agent id").nullish(),
  limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).optional(),
  mode: z.enum(["fulltext", "vector", "hybrid"]).optional(),
});
export type SearchInput = z.infer<typeof searchSchema>;

export const faqCreateSchema = z.strictObject({
  question: text({ label: "Question", min: 1, max: FAQ_QUESTION_MAX, multiline: true }),
  answer: text({ label: "Answer", min: 1, max: FAQ_ANSWER_MAX, multiline: true }),
  agentId: idText("Agent id").nullable().default(null),
  enabled: z.boolean().default(true),
});
export type FaqCreateInput = z.infer<typeof faqCreateSchema>;

export const faqUpdateSchema = z
  .strictObject({
    question: faqCreateSchema.shape.question,
    answer: faqCreateSchema.shape.answer,
    agentId: idText("Agent id").nullable(),
    enabled: z.boolean(),
  })
  .partial();
export type FaqUpdateInput = z.infer<typeof faqUpdateSchema>;

export const faqListQuerySchema = z.strictObject({
  agentId: resourceId.optional(),
});
export type FaqListQuery = z.infer<typeof faqListQuerySchema>;
