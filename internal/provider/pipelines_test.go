package provider

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The pipeline files of examples/pipelines parse, and run the drift check
// the way the drift checks guide says: terraform init, then drift-check.sh
// in the configuration's folder, with the API key from the CI's secrets.
// (make lint runs actionlint on the GitHub workflow;
// TestPipelines_githubActionsStep runs its drift check step.)

const (
	githubWorkflow = "../../examples/pipelines/github-actions/drift.yml"
	gitlabPipeline = "../../examples/pipelines/gitlab-ci/.gitlab-ci.yml"
)

// githubStep is a step of a GitHub Actions job.
type githubStep struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	With map[string]any    `yaml:"with"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
}

// githubWorkflowFile is what the tests read of a GitHub Actions workflow.
type githubWorkflowFile struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Name           string `yaml:"name"`
		RunsOn         string `yaml:"runs-on"`
		TimeoutMinutes int    `yaml:"timeout-minutes"`
		Defaults       struct {
			Run struct {
				Shell            string `yaml:"shell"`
				WorkingDirectory string `yaml:"working-directory"`
			} `yaml:"run"`
		} `yaml:"defaults"`
		Env     map[string]string `yaml:"env"`
		Outputs map[string]string `yaml:"outputs"`
		Steps   []githubStep      `yaml:"steps"`
	} `yaml:"jobs"`
}

// readYAML decodes the YAML file at path into v; strict, it refuses a key
// that v has no field for (a misspelled one, say).
func readYAML(t *testing.T, path string, strict bool, v any) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := yaml.NewDecoder(f)
	d.KnownFields(strict)
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestPipelines_githubActionsWorkflow(t *testing.T) {
	var wf githubWorkflowFile
	readYAML(t, githubWorkflow, true, &wf)

	schedule, _ := wf.On["schedule"].([]any)
	if _, manual := wf.On["workflow_dispatch"]; len(schedule) != 1 || !manual {
		t.Errorf("on: %v, want a schedule and workflow_dispatch", wf.On)
	}
	if want := map[string]string{"contents": "read"}; !reflect.DeepEqual(wf.Permissions, want) {
		t.Errorf("permissions: %v, want %v", wf.Permissions, want)
	}
	if len(wf.Jobs) != 1 {
		t.Fatalf("jobs: %d, want one, drift", len(wf.Jobs))
	}
	job, ok := wf.Jobs["drift"]
	if !ok {
		t.Fatal("no job drift")
	}
	if job.RunsOn != "ubuntu-latest" || job.TimeoutMinutes != 15 || job.Defaults.Run.Shell != "bash" || job.Defaults.Run.WorkingDirectory != "drift" {
		t.Errorf("job drift: runs-on %q, timeout-minutes %d, shell %q, working-directory %q; want ubuntu-latest, 15 (above the 6 min 30 s of one read), bash, drift",
			job.RunsOn, job.TimeoutMinutes, job.Defaults.Run.Shell, job.Defaults.Run.WorkingDirectory)
	}
	for name, want := range map[string]string{
		"EIGHTXEIGHT_API_KEY": "${{ secrets.EIGHTXEIGHT_API_KEY }}",
		"TF_VAR_account_id":   "${{ vars.EIGHTXEIGHT_ACCOUNT_ID }}",
		"TF_IN_AUTOMATION":    "1",
		"TERRAFORM":           "terraform",
	} {
		if got := job.Env[name]; got != want {
			t.Errorf("env %s = %q, want %q", name, got, want)
		}
	}
	if want := map[string]string{"outcome": "${{ steps.check.outputs.outcome }}"}; !reflect.DeepEqual(job.Outputs, want) {
		t.Errorf("outputs: %v, want %v", job.Outputs, want)
	}

	// The actions are pinned to the commits the repository's own workflows
	// use, which Dependabot keeps up to date.
	pins := map[string]string{}
	var tests githubWorkflowFile
	readYAML(t, "../../.github/workflows/test.yml", false, &tests)
	for _, s := range tests.Jobs["docs"].Steps {
		if action, _, ok := strings.Cut(s.Uses, "@"); ok {
			pins[action] = s.Uses
		}
	}
	if len(job.Steps) != 4 {
		t.Fatalf("%d steps, want 4: checkout, setup-terraform, terraform init, the drift check", len(job.Steps))
	}
	for i, action := range []string{"actions/checkout", "hashicorp/setup-terraform"} {
		if got := job.Steps[i].Uses; got != pins[action] || got == "" {
			t.Errorf("step %d uses %q, want %q as in .github/workflows/test.yml", i+1, got, pins[action])
		}
	}
	if got := job.Steps[0].With["persist-credentials"]; got != false {
		t.Errorf("checkout: persist-credentials = %v, want false", got)
	}
	if got := job.Steps[1].With["terraform_wrapper"]; got != false {
		t.Errorf("setup-terraform: terraform_wrapper = %v, want false: the wrapper stands between the script and terraform", got)
	}
	if got := job.Steps[2].Run; got != "terraform init -input=false" {
		t.Errorf("step 3 runs %q, want terraform init -input=false", got)
	}
	check := job.Steps[3]
	if check.ID != "check" || !strings.Contains(check.Run, "sh ./drift-check.sh > drift-report.txt || code=$?\n") ||
		!strings.HasSuffix(check.Run, "exit \"$code\"\n") {
		t.Errorf("step 4 (id %q) does not run drift-check.sh and exit with its code:\n%s", check.ID, check.Run)
	}
}

func TestPipelines_gitlabCI(t *testing.T) {
	var pipeline struct {
		Stages []string `yaml:"stages"`
		Job    struct {
			Stage string `yaml:"stage"`
			Image struct {
				Name       string   `yaml:"name"`
				Entrypoint []string `yaml:"entrypoint"`
			} `yaml:"image"`
			Rules []struct {
				If string `yaml:"if"`
			} `yaml:"rules"`
			Timeout      string            `yaml:"timeout"`
			Variables    map[string]string `yaml:"variables"`
			BeforeScript []string          `yaml:"before_script"`
			Script       []string          `yaml:"script"`
		} `yaml:"webhook-drift"`
	}
	readYAML(t, gitlabPipeline, true, &pipeline)
	job := pipeline.Job
	if !reflect.DeepEqual(pipeline.Stages, []string{"drift"}) || job.Stage != "drift" {
		t.Errorf("stages %v, job stage %q; want [drift], drift", pipeline.Stages, job.Stage)
	}
	// The image's entrypoint is terraform: GitLab needs a shell.
	if job.Image.Name != "hashicorp/terraform:1.11.4" || !reflect.DeepEqual(job.Image.Entrypoint, []string{""}) {
		t.Errorf("image %q, entrypoint %q; want hashicorp/terraform:1.11.4, [\"\"]", job.Image.Name, job.Image.Entrypoint)
	}
	var rules []string
	for _, r := range job.Rules {
		rules = append(rules, r.If)
	}
	if want := []string{`$CI_PIPELINE_SOURCE == "schedule"`, `$CI_PIPELINE_SOURCE == "web"`}; !reflect.DeepEqual(rules, want) {
		t.Errorf("rules %q, want %q", rules, want)
	}
	if job.Timeout != "15m" {
		t.Errorf("timeout %q, want 15m (above the 6 min 30 s of one read)", job.Timeout)
	}
	for name, want := range map[string]string{
		"TF_VAR_account_id": "$EIGHTXEIGHT_ACCOUNT_ID",
		"TF_IN_AUTOMATION":  "1",
		"TERRAFORM":         "terraform",
	} {
		if got := job.Variables[name]; got != want {
			t.Errorf("variable %s = %q, want %q", name, got, want)
		}
	}
	if _, ok := job.Variables["EIGHTXEIGHT_API_KEY"]; ok {
		t.Error("the API key must come from a masked CI/CD variable, not from the file")
	}
	if want := []string{"apk add --no-cache jq", "cd drift", "terraform init -input=false"}; !reflect.DeepEqual(job.BeforeScript, want) {
		t.Errorf("before_script %q, want %q", job.BeforeScript, want)
	}
	// The job's exit code is the script's.
	if want := []string{"sh ./drift-check.sh"}; !reflect.DeepEqual(job.Script, want) {
		t.Errorf("script %q, want %q", job.Script, want)
	}
}
