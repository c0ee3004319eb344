//go:build tools

// Package tools pins the Pulumi Node.js language host build (see go.mod for why v3.68.0).
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
)
