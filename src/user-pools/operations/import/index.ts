import type { Operation } from "../../operation.ts";
import CreateUserImportJob from "./CreateUserImportJob.ts";
import DescribeUserImportJob from "./DescribeUserImportJob.ts";
import ListUserImportJobs from "./ListUserImportJobs.ts";
import StartUserImportJob from "./StartUserImportJob.ts";
import StopUserImportJob from "./StopUserImportJob.ts";

/** User import jobs: create, upload the CSV to the PreSignedUrl, start, watch, stop. */
export const userImportOperations: Operation[] = [
  CreateUserImportJob,
  DescribeUserImportJob,
  ListUserImportJobs,
  StartUserImportJob,
  StopUserImportJob,
];
