package client

import "context"

// Logger receives the client's structured log lines. The provider plugs in
// terraform-plugin-log; the client itself knows nothing of Terraform. Field
// values never hold the API key, and the provider masks secrets again.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Trace(context.Context, string, map[string]any) {}
