/**
 * What the code says a request body looks like: the properties its validator declares, with
 * their types and limits, and what happens to properties it does not declare. Read from zod, Joi
 * and express-validator (Express) and class-validator DTOs (NestJS) by `route-body.ts`, for the drift
 * rules that compare a spec's request schema with the code.
 *
 * Only what the source states is recorded: an absent limit means "the validator sets none",
 * and a schema the reader could not follow completely says so (`complete: false`), so a rule
 * never takes "not found" for "not there".
 */
import type { Known, SourceSpan } from '../../model/operation';

export type BodyPropertyType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'unknown';

/** JSON Schema names, so spec and code compare keyword by keyword. */
export interface Limits {
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minItems?: number;
  maximum?: number;
  minimum?: number;
}

export type LimitKeyword = keyof Limits;

/** The request parts whose schema is read: the body, and the query string as one object. */
export type RequestPart = 'body' | 'query';

export type SchemaLibrary = 'zod' | 'joi' | 'class-validator' | 'express-validator';

export interface BodyProperty {
  name: string;
  type: BodyPropertyType;
  limits: Limits;
  /** Where each limit is written (the argument of `.max(100)`, `@MaxLength(100)`), for fixes that change it. */
  limitAt: Partial<Record<LimitKeyword, SourceSpan>>;
  /** Unknown when the reader could not tell (a helper-built schema, a computed decorator). */
  required: Known<boolean>;
  /**
   * The validator only accepts values of bounded length by definition (`.uuid()`, `@IsEmail()`,
   * `@IsIn([...])`, `Joi.valid(...)`): a missing maxLength is not unbounded input.
   */
  boundedBy?: string;
  /** Nested object properties, when the validator declares them (`z.object`, `@ValidateNested() @Type(() => X)`). */
  properties?: Map<string, BodyProperty>;
  /** The item schema of an array, when the validator declares it (`z.array(x)`, `.items(x)`, `{ each: true }`). */
  items?: BodyProperty;
  /** The property's validator could not be read (a helper call, a computed decorator): its type and limits are unknown. */
  opaque?: boolean;
  /** The property as declared (`name: z.string()…`, the DTO property). */
  at: SourceSpan;
  /**
   * Where a fix adds a limit: after the base call (`z.string()|`, `Joi.string()|`) for
   * builders, before the property (its line) for DTOs.
   */
  insertAt: { file: SourceSpan['file']; offset: number; style: 'chain' | 'validator-chain' | 'decorator'; indent?: string };
}

export interface BodySchema {
  library: SchemaLibrary;
  /** How the code names it: `CreateUserDto`, `createUserSchema`, `z.object({…})`. */
  name: string;
  /** The schema expression or DTO class. */
  at: SourceSpan;
  properties: Map<string, BodyProperty>;
  /** False when some properties may come from places the reader could not follow (a spread, an unknown base class). */
  complete: boolean;
  /**
   * What reaches the handler for a property the schema does not declare: `reject` (zod
   * `.strict()`, Joi's default, `forbidNonWhitelisted`), `strip` (zod's parse result, Nest's
   * `whitelist: true`) or `allow` (`.passthrough()`, `.unknown(true)`, a result that is thrown away).
   */
  unknownKeys: Known<'reject' | 'strip' | 'allow'>;
  /** Whether the validator really runs on the body before the handler uses it. */
  enforced: Known<boolean>;
  /** How the schema is applied, for messages: "validate(createUserSchema) middleware", "ValidationPipe (global)". */
  appliedBy: string;
}
