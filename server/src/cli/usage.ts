/** Help text. Kept next to the argument parser's option table so they are edited together. */
export const USAGE = `Usage: api-warden audit [options] [path...]
       api-warden inventory [--format json|markdown|openapi] [--output <file>] [--config <file>] [path...]

Reviews OpenAPI documents and Express/NestJS code under the given paths (default: the current
folder) for OWASP API Security Top 10 (2023) issues.

Options:
  -f, --format <format>       text | json | sarif | html | markdown (default: text).
                              Repeat it to write several reports in one run.
  -o, --output <file>         Write the report of the preceding --format to <file>
                              (or the default text report when no --format is given).
  -o, --output <format>:<file>
                              Write a report in <format> to <file>, e.g. -o sarif:out.sarif.
      --fail-on <severity>    error | warning | info | hint | none (default: error).
                              Exit 1 when a finding is at or above it.
      --max-warnings <n>      Exit 1 when there are more than n warnings.
      --config <file>         Use this configuration file instead of searching for
                              .api-warden.yaml / .yml / .json above the paths.
      --baseline <file>       Report only findings that are not in this baseline
                              (default: .api-warden-baseline.json in the report root, if present).
      --no-baseline           Ignore the default baseline file.
      --write-baseline[=file] Record the current findings as the baseline and exit 0.
      --color / --no-color    Force or disable colours (default: on a terminal, unless NO_COLOR).
  -h, --help                  Show this help.
  -v, --version               Show the version.

inventory lists every endpoint of the specs and the code under the paths, paired up (documented,
shadow, not implemented, ...) with the authentication each side declares or enforces; --format openapi
writes a skeleton OpenAPI document from the code alone (default format: json).

Exit codes: 0 no findings at or above --fail-on, 1 findings at or above it (or more warnings
than --max-warnings), 2 usage or internal error.
`;
