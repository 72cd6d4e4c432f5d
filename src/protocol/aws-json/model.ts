/** The shape of a generated service model table (see scripts/generate-model.ts). */
export interface ShapeDef {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  readonly sensitive?: boolean;
  readonly members?: Readonly<Record<string, { readonly shape: string }>>;
  readonly member?: string;
  readonly key?: string;
  readonly value?: string;
}

export interface ServiceModel {
  readonly targetPrefix: string;
  readonly operations: Readonly<
    Record<string, { readonly input?: string; readonly errors: readonly string[] }>
  >;
  readonly shapes: Readonly<Record<string, ShapeDef>>;
}
