//go:build tools

// Package tools pins the Pulumi CLI build to the version of @pulumi/pulumi in
// package.json, so `go build` resolves it through the Go module proxy.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	_ "github.com/pulumi/pulumi/sdk/v3/go/common/version"
)
