import { FieldProblem, ValidationFailedError } from '@plinth/tenancy';

/** A line of the import that is not what the format says: 400, naming the line, and nothing kept. */
export class ImportLineError extends ValidationFailedError {
  constructor(
    readonly line: number,
    problems: FieldProblem[],
  ) {
    super(`Line ${line} of the import is invalid: ${problems.flatMap((p) => p.problems).join('; ')}`, withLine(line, problems));
  }
}

/** `details` lists the fields, each with the line it is on. */
function withLine(line: number, problems: FieldProblem[]): FieldProblem[] {
  return problems.map((problem) => ({ field: problem.field, line, problems: problem.problems }));
}

export function lineError(line: number, field: string, problem: string): ImportLineError {
  return new ImportLineError(line, [{ field, problems: [problem] }]);
}
