"""docgen's built-in document types. Each subpackage is a plugin registered through the
``docgen`` entry-point group and uses only the public API a district plugin would use."""
