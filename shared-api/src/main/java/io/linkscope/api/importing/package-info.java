/**
 * The JSON contract of link imports: the report of an import or its dry run, with the result of
 * every row of the file and the totals.
 */
@NullMarked
package io.linkscope.api.importing;

import org.jspecify.annotations.NullMarked;
