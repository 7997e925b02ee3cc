# The handler: reads "name" from the JSON event (default "world") and prints the greeting.
handler() {
  local event="$1" name
  name=$(printf '%s' "$event" | sed -n 's/.*"name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  name="${name:-world}"
  echo "hello-bash: greeting $name" 1>&2
  printf '{"message": "Hello, %s!"}' "$name"
}
