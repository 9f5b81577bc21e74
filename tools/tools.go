// Package tools holds the provider's generation tooling in a module of its
// own, so that the provider's go.mod carries none of it. Run it with
// `make generate` (or `go generate ./...` in this folder): it needs only
// Go and `terraform` on PATH, and never downloads Terraform.
package tools

// Format the examples, then render docs/ from templates/, examples/ and the
// schema's descriptions.
//go:generate terraform fmt -recursive ../examples/
//go:generate go tool tfplugindocs generate --provider-dir .. --provider-name eightxeight
