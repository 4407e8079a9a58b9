import type { ComponentChildren } from 'preact';

/**
 * A table that scrolls sideways on a narrow screen rather than widening the page. The caption
 * names it for screen readers (`hideCaption`: for them only); columns get `scope="col"`.
 */
export function Table({
  caption,
  hideCaption = false,
  columns,
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  columns: string[];
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption class={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
