/** Memory index of query-to-item feedback statistics, predicted queries for cold-start items, and query understanding. */
package dev.funnel.memory;
