package client

import "context"

// Logger receives the client's structured log lines. The provider plugs in
// terraform-plugin-log; the client itself knows nothing of Terraform. Field
// values never hold a secret: server text is masked (redactor) before it
// is logged, and the provider masks the key and secret fields again.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Trace(context.Context, string, map[string]any) {}
